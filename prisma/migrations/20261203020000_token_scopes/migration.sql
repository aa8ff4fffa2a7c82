-- CreateEnum
CREATE TYPE "TokenScope" AS ENUM ('read', 'write');

-- AlterTable
-- Tokens made before scopes existed could write, so they keep that scope. New tokens must name
-- theirs: the default exists only for this backfill.
ALTER TABLE "ApiToken" ADD COLUMN "scope" "TokenScope" NOT NULL DEFAULT 'write';
ALTER TABLE "ApiToken" ALTER COLUMN "scope" DROP DEFAULT;

-- Hand-written: every token now expires within 365 days. A token without an expiry (or with a
-- longer one) gets 365 days from this migration, not from its creation: old scripts keep working
-- for a year instead of breaking on upgrade day, and no token lives forever.
UPDATE "ApiToken"
   SET "expiresAt" = LEAST(COALESCE("expiresAt", 'infinity'::timestamp), (now() AT TIME ZONE 'UTC') + interval '365 days');
ALTER TABLE "ApiToken" ALTER COLUMN "expiresAt" SET NOT NULL;
