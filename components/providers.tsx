"use client";
import { QueryCache, QueryClient, QueryClientProvider, MutationCache } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, loggerLink } from "@trpc/client";
import { ThemeProvider } from "next-themes";
import { useState, type ReactNode } from "react";
import { Toaster } from "sonner";
import superjson from "superjson";
import type { AppRouter } from "@/server/api/root";
import { TRPCProvider } from "@/lib/trpc";
import { TRPCClientError } from "@trpc/client";

function isUnauthorized(error: unknown) {
  return error instanceof TRPCClientError && (error.data as { code?: string } | undefined)?.code === "UNAUTHORIZED";
}

function makeQueryClient() {
  const toSignIn = (error: unknown) => {
    if (isUnauthorized(error) && typeof window !== "undefined" && !window.location.pathname.startsWith("/sign-")) {
      // A full navigation on purpose: the session is gone, so every cached query is stale.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
    }
  };
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => {
          if (error instanceof TRPCClientError) {
            const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 0;
            if (status >= 400 && status < 500) return false;
          }
          return count < 2;
        },
      },
    },
    queryCache: new QueryCache({ onError: toSignIn }),
    mutationCache: new MutationCache({ onError: toSignIn }),
  });
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({ enabled: (op) => process.env.NODE_ENV === "development" && op.direction === "down" && op.result instanceof Error }),
        httpBatchLink({ url: "/api/trpc", transformer: superjson }),
      ],
    }),
  );
  return (
    <ThemeProvider attribute="class" defaultTheme="system" enableSystem disableTransitionOnChange>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          {children}
          <Toaster position="bottom-right" richColors closeButton theme="system" />
        </TRPCProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
