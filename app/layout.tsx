import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Surveys", template: "%s · Surveys" },
  description: "Surveys for organizations that sign in with Microsoft Entra ID.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header className="site-header">
          <a className="brand" href="/">
            <span aria-hidden="true" className="brand-mark">
              ◧
            </span>
            Surveys
          </a>
        </header>
        <main className="site-main">{children}</main>
        <footer className="site-footer">Surveys — for organizations on Microsoft Entra ID</footer>
      </body>
    </html>
  );
}
