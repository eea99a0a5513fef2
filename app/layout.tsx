import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Surveys", template: "%s · Surveys" },
  description: "Surveys for organizations that sign in with Microsoft Entra ID.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <SiteHeader />
        <main className="site-main">{children}</main>
        <footer className="site-footer">Surveys — for organizations on Microsoft Entra ID</footer>
      </body>
    </html>
  );
}
