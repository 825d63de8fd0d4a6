// @11ty/eleventy-dev-server and Eleventy's chokidar wrapper ship no type declarations; this covers
// what `serve` uses.
declare module "@11ty/eleventy-dev-server" {
  interface DevServerOptions {
    port?: number;
    liveReload?: boolean;
    domDiff?: boolean;
    showVersion?: boolean;
    portReassignmentRetryCount?: number;
    messageOnStart?: () => string | false;
    logger?: { info(message: string): void; log(message: string): void; error(message: string): void };
  }
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: DevServerOptions): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    getServerUrl(host: string, pathname?: string): string;
    reload(event?: { files?: string[]; subtype?: string; build?: { templates: unknown[] } }): void;
    sendError(event: { error: Error }): void;
    close(): Promise<void>;
  }
}

declare module "@11ty/chokidar-with-glob-support" {
  import type { EventEmitter } from "node:events";
  export interface Watcher extends EventEmitter {
    close(): Promise<void>;
  }
  export function watch(paths: string | string[], options?: { ignoreInitial?: boolean; awaitWriteFinish?: boolean | { stabilityThreshold: number; pollInterval: number } }): Watcher;
}
