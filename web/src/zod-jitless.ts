/**
 * `zod` in the web build: vite.config.ts resolves the bare specifier `zod` here, so every schema —
 * the shared ones of @touyan/schemas included — is built after jitless mode is on. The CSP allows no
 * `eval`, and zod's JIT would otherwise probe `new Function('')`, which the browser reports as a CSP
 * violation (Lighthouse best practices). Evaluated before any module that imports `zod`.
 */
import { z } from 'zod/v4';

z.config({ jitless: true });

export * from 'zod/v4';
export { z, z as default };
