// Placeholder until the worker protocol lands (issue: private profile).
export {};
