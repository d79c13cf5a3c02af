import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { contextFactory } from "@/server/api/trpc";
import { getAuth } from "@/server/auth/auth";
import { getAppDeps } from "@/server/deps";
import { getLogger } from "@/server/logger";

function handler(req: Request) {
  const createContext = contextFactory({ ...getAppDeps(), auth: getAuth() });
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext({ headers: req.headers }),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") {
        getLogger().error({ err: error.cause ?? error, path }, "tRPC procedure failed");
      }
    },
  });
}

export { handler as GET, handler as POST };
