// Starts the GOV.UK and MoJ components on the page, and the timeout warning when signed in.
import { initAll as initGovuk } from "../vendor/govuk/govuk-frontend.min.js";
import { initAll as initMoj } from "../vendor/moj/moj-frontend.min.js";
import { initTimeoutWarning } from "./timeout-warning.js";

initGovuk();
initMoj();
initTimeoutWarning(document.getElementById("sg-timeout"));
