import "../surveys.css";
import type { Metadata } from "next";
import { requireRole } from "@/lib/auth/session";
import { NewSurveyForm } from "./new-survey-form";

export const metadata: Metadata = { title: "Create a survey" };

export default async function NewSurveyPage() {
  await requireRole("SurveyCreator", "SurveyAdmin");
  return (
    <section className="stack narrow">
      <h1>Create a survey</h1>
      <p className="muted">Start with a title; you add questions, choose who may answer and publish in the editor.</p>
      <NewSurveyForm />
    </section>
  );
}
