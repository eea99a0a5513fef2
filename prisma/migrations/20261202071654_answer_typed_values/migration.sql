-- DropIndex
DROP INDEX "answers_tenantId_questionId_idx";

-- DropIndex
DROP INDEX "responses_tenantId_surveyId_submittedAt_idx";

-- AlterTable
ALTER TABLE "answers" ADD COLUMN     "dateValue" DATE,
ADD COLUMN     "numberValue" INTEGER,
ADD COLUMN     "textValue" TEXT;

-- CreateTable
CREATE TABLE "answer_choices" (
    "tenantId" UUID NOT NULL,
    "questionId" UUID NOT NULL,
    "optionId" TEXT NOT NULL,
    "responseId" UUID NOT NULL,

    CONSTRAINT "answer_choices_pkey" PRIMARY KEY ("tenantId","questionId","optionId","responseId")
);

-- CreateIndex
CREATE INDEX "answer_choices_tenantId_responseId_questionId_idx" ON "answer_choices"("tenantId", "responseId", "questionId");

-- CreateIndex
CREATE INDEX "answers_tenantId_questionId_responseId_idx" ON "answers"("tenantId", "questionId", "responseId" DESC);

-- CreateIndex
CREATE INDEX "answers_tenantId_questionId_numberValue_idx" ON "answers"("tenantId", "questionId", "numberValue");

-- CreateIndex
CREATE INDEX "answers_tenantId_questionId_dateValue_idx" ON "answers"("tenantId", "questionId", "dateValue");

-- CreateIndex
CREATE INDEX "responses_tenantId_surveyId_submittedAt_id_idx" ON "responses"("tenantId", "surveyId", "submittedAt", "id");

-- AddForeignKey
ALTER TABLE "answer_choices" ADD CONSTRAINT "answer_choices_tenantId_responseId_questionId_fkey" FOREIGN KEY ("tenantId", "responseId", "questionId") REFERENCES "answers"("tenantId", "responseId", "questionId") ON DELETE CASCADE ON UPDATE CASCADE;
