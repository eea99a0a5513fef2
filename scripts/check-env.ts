// Validates the configuration before the start command touches anything (exit 1 with a one-line
// message naming the variable). DATABASE_URL may be unset here: the embedded database fills it.
import { validateEnvOrExit } from "../lib/startup";

validateEnvOrExit({ requireDatabase: false });
