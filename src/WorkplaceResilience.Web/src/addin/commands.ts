// Entry of the add-in's function page (addin/commands.html), loaded by Outlook next to Office.js from Microsoft's CDN.
import type { OfficeApi } from './officeApi';
import { registerActions } from './roomToBreathe';

const office = (globalThis as { Office?: OfficeApi }).Office;
if (office) void registerActions(office);
