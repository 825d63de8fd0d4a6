// Eleventy 3 ships no type declarations; this covers the programmatic API the build uses.
declare module "@11ty/eleventy" {
  export interface EleventyUserConfig {
    addFilter(name: string, filter: (...args: any[]) => unknown): void;
    addTransform(name: string, transform: (content: unknown) => unknown): void;
    addGlobalData(name: string, data: unknown): void;
    addTemplate(virtualPath: string, content: string, data?: Record<string, unknown>): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    setTemplateFormats(formats: string | string[]): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    setNunjucksEnvironmentOptions(options: Record<string, unknown>): void;
    /** Hands Eleventy the template library to use, e.g. a Nunjucks Environment for "njk". */
    setLibrary(engine: string, library: unknown): void;
    setServerOptions(options: Record<string, unknown>): void;
    setIncludesDirectory(dir: string): void;
    addWatchTarget(path: string): void;
    ignores: { add(pattern: string): void; delete(pattern: string): void };
    watchIgnores: { add(pattern: string): void };
    on(event: string, callback: (...args: any[]) => unknown): void;
  }

  export interface EleventyOptions {
    configPath?: string | false;
    quietMode?: boolean;
    runMode?: "build" | "serve" | "watch";
    pathPrefix?: string;
    config?: (config: EleventyUserConfig) => void | Promise<void>;
  }

  export class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<unknown>;
    toJSON(): Promise<{ url: string; inputPath: string; outputPath: string; content: string }[]>;
    watch(): Promise<void>;
    serve(port?: number): Promise<void>;
    setIsVerbose(verbose: boolean): void;
    disableLogger(): void;
  }
}
