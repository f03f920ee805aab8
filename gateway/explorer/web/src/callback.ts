/// <reference lib="dom" />
// /auth/callback: where MonStrasbourg.eu sends the agent back. Redeems the code through the gateway, then opens the
// explorer; a refusal (not an agent) or an error is shown on the explorer's sign-in screen.
import { finishSignIn, leaveNotice } from "./session.ts";

const params = new URLSearchParams(location.search);
// The code must not stay in the address bar or the history.
history.replaceState(null, "", location.pathname);
finishSignIn(params)
  .catch((error: Error) => leaveNotice(error.message))
  .finally(() => location.replace("/explorer"));
