export function buildInputsHash(root: string, env?: NodeJS.ProcessEnv): string;
export function distDir(root: string, env?: NodeJS.ProcessEnv): string;
export function buildIsCurrent(root: string, hash: string, env?: NodeJS.ProcessEnv): boolean;
export function writeStamp(root: string, hash: string, env?: NodeJS.ProcessEnv): void;
