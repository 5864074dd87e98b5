const session = require("express-session");

function login(app, res, sid) {
  // ruleid: js.insecure-cookie
  res.cookie("sid", sid, { httpOnly: true });
  // ruleid: js.insecure-cookie
  res.cookie("sid", sid, { secure: false, httpOnly: true });
  // ruleid: js.insecure-cookie
  res.cookie("sid", sid);
  // ruleid: js.insecure-cookie
  res.cookie("sid", sid, { secure: true, httpOnly: true, sameSite: "none" });
  // ruleid: js.insecure-cookie
  app.use(session({ secret: process.env.SECRET, cookie: { secure: false } }));
  // ok: js.insecure-cookie
  res.cookie("sid", sid, { secure: true, httpOnly: true, sameSite: "lax" });
  // ok: js.insecure-cookie
  app.use(session({ secret: process.env.SECRET, cookie: { secure: true, httpOnly: true } }));
}

function koaLogin(ctx, sid) {
  // ruleid: js.insecure-cookie
  ctx.cookies.set("sid", sid, { httpOnly: false });
  // ok: js.insecure-cookie
  ctx.cookies.set("sid", sid, { httpOnly: true, secure: true });
}
