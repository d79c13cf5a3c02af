import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth/auth";

const handlers = (method: "GET" | "POST") => (req: Request) => toNextJsHandler(getAuth())[method](req);

export const GET = handlers("GET");
export const POST = handlers("POST");
