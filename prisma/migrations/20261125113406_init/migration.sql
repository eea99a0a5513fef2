-- CreateEnum
CREATE TYPE "TenantStatus" AS ENUM ('ACTIVE', 'OFFBOARDED');

-- CreateEnum
CREATE TYPE "AppRole" AS ENUM ('SurveyAdmin', 'SurveyCreator');

-- CreateEnum
CREATE TYPE "SurveyStatus" AS ENUM ('DRAFT', 'PUBLISHED', 'CLOSED');

-- CreateEnum
CREATE TYPE "SurveyAudience" AS ENUM ('ANYONE_WITH_LINK', 'TENANT_USERS', 'REGISTERED_TENANT_USERS');

-- CreateEnum
CREATE TYPE "QuestionType" AS ENUM ('SHORT_TEXT', 'LONG_TEXT', 'SINGLE_CHOICE', 'MULTIPLE_CHOICE', 'RATING', 'NPS', 'YES_NO', 'DATE');

-- CreateTable
CREATE TABLE "tenants" (
    "id" UUID NOT NULL,
    "issuer" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "TenantStatus" NOT NULL DEFAULT 'ACTIVE',
    "signedUpByOid" UUID NOT NULL,
    "signedUpByName" TEXT NOT NULL,
    "consentedAt" TIMESTAMP(3) NOT NULL,
    "offboardedAt" TIMESTAMP(3),
    "purgeAfter" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "tenants_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "oid" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "roles" "AppRole"[],
    "lastSeenAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "surveys" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "ownerId" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" "SurveyStatus" NOT NULL DEFAULT 'DRAFT',
    "audience" "SurveyAudience" NOT NULL DEFAULT 'TENANT_USERS',
    "opensAt" TIMESTAMP(3),
    "closesAt" TIMESTAMP(3),
    "responseLimit" INTEGER,
    "publishedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "surveys_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "questions" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "type" "QuestionType" NOT NULL,
    "text" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "required" BOOLEAN NOT NULL DEFAULT false,
    "options" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "questions_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "contributors" (
    "tenantId" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "userTenantId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "addedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "contributors_pkey" PRIMARY KEY ("tenantId","surveyId","userTenantId","userId")
);

-- CreateTable
CREATE TABLE "invitations" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "invitedById" UUID NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invitations_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "responses" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "surveyId" UUID NOT NULL,
    "submissionKey" TEXT NOT NULL,
    "respondentKey" TEXT,
    "respondentTenantId" UUID,
    "respondentOid" UUID,
    "submittedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "responses_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateTable
CREATE TABLE "answers" (
    "tenantId" UUID NOT NULL,
    "responseId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "value" JSONB NOT NULL,

    CONSTRAINT "answers_pkey" PRIMARY KEY ("tenantId","responseId","questionId")
);

-- CreateTable
CREATE TABLE "token_caches" (
    "tenantId" UUID NOT NULL,
    "partitionKey" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "ciphertext" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "token_caches_pkey" PRIMARY KEY ("tenantId","partitionKey")
);

-- CreateTable
CREATE TABLE "audit_events" (
    "tenantId" UUID NOT NULL,
    "id" UUID NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "correlationId" TEXT,

    CONSTRAINT "audit_events_pkey" PRIMARY KEY ("tenantId","id")
);

-- CreateIndex
CREATE INDEX "tenants_status_idx" ON "tenants"("status");

-- CreateIndex
CREATE INDEX "users_tenantId_email_idx" ON "users"("tenantId", "email");

-- CreateIndex
CREATE UNIQUE INDEX "users_tenantId_oid_key" ON "users"("tenantId", "oid");

-- CreateIndex
CREATE INDEX "surveys_tenantId_ownerId_idx" ON "surveys"("tenantId", "ownerId");

-- CreateIndex
CREATE INDEX "surveys_tenantId_status_idx" ON "surveys"("tenantId", "status");

-- CreateIndex
CREATE INDEX "questions_tenantId_surveyId_position_idx" ON "questions"("tenantId", "surveyId", "position");

-- CreateIndex
CREATE INDEX "contributors_userTenantId_userId_idx" ON "contributors"("userTenantId", "userId");

-- CreateIndex
CREATE INDEX "invitations_tenantId_surveyId_idx" ON "invitations"("tenantId", "surveyId");

-- CreateIndex
CREATE UNIQUE INDEX "invitations_tenantId_tokenHash_key" ON "invitations"("tenantId", "tokenHash");

-- CreateIndex
CREATE INDEX "responses_tenantId_surveyId_submittedAt_idx" ON "responses"("tenantId", "surveyId", "submittedAt");

-- CreateIndex
CREATE UNIQUE INDEX "responses_tenantId_surveyId_submissionKey_key" ON "responses"("tenantId", "surveyId", "submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "responses_tenantId_surveyId_respondentKey_key" ON "responses"("tenantId", "surveyId", "respondentKey");

-- CreateIndex
CREATE INDEX "answers_tenantId_questionId_idx" ON "answers"("tenantId", "questionId");

-- CreateIndex
CREATE INDEX "audit_events_tenantId_at_idx" ON "audit_events"("tenantId", "at");

-- CreateIndex
CREATE INDEX "audit_events_tenantId_targetType_targetId_idx" ON "audit_events"("tenantId", "targetType", "targetId");

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "surveys" ADD CONSTRAINT "surveys_tenantId_ownerId_fkey" FOREIGN KEY ("tenantId", "ownerId") REFERENCES "users"("tenantId", "id") ON DELETE NO ACTION ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "questions" ADD CONSTRAINT "questions_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "surveys"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contributors" ADD CONSTRAINT "contributors_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "surveys"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contributors" ADD CONSTRAINT "contributors_userTenantId_userId_fkey" FOREIGN KEY ("userTenantId", "userId") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "contributors" ADD CONSTRAINT "contributors_userTenantId_fkey" FOREIGN KEY ("userTenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "surveys"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_tenantId_invitedById_fkey" FOREIGN KEY ("tenantId", "invitedById") REFERENCES "users"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "responses" ADD CONSTRAINT "responses_tenantId_surveyId_fkey" FOREIGN KEY ("tenantId", "surveyId") REFERENCES "surveys"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answers" ADD CONSTRAINT "answers_tenantId_responseId_fkey" FOREIGN KEY ("tenantId", "responseId") REFERENCES "responses"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "answers" ADD CONSTRAINT "answers_tenantId_questionId_fkey" FOREIGN KEY ("tenantId", "questionId") REFERENCES "questions"("tenantId", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_caches" ADD CONSTRAINT "token_caches_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;
