// The root layout: broadsheet's stylesheet, imported once for every page.
import "broadsheet/broadsheet.css";

export const metadata = { title: "broadsheet with Next.js" };

export default function RootLayout({ children }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
