// A client component that loads <broadsheet-article> in the browser, which makes the facades playable.
"use client";
import { useEffect } from "react";

export default function Facades() {
  useEffect(() => {
    import("broadsheet/element");
  }, []);
  return null;
}
