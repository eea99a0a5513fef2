// Validates the configuration before the start command touches anything (exit 1 with a one-line
// message naming the variable). DATABASE_URL and the identity settings may be unset here: the
// embedded database and the emulator fill them.
import { validateEnvOrExit } from "../lib/startup";

validateEnvOrExit({ requireDatabase: false, requireIdentity: false });
