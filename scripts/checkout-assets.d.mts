export declare const scriptOptions: import("esbuild").BuildOptions;
export declare function buildCheckoutAssets(options?: { watch?: boolean }): Promise<void>;
