import type { NextRequest } from "next/server";

export async function GET(request: NextRequest) {
  const target = request.nextUrl.searchParams.get("url") ?? "";
  // ruleid: js.ssrf
  const upstream = await fetch(target);
  // ok: js.ssrf
  const fixed = await fetch("https://status.example.com/api/v1");
  return new Response(`${upstream.status} ${fixed.status}`);
}
