// What this app keeps in next-auth's session and JWT (options.ts): the user's id and the session
// version it was made with (session.ts checks both against the database on every request).
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    uid?: string;
    sv?: number;
  }
  interface User {
    sv?: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: string;
    sv?: number;
  }
}
