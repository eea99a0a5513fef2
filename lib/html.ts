// Text into HTML we build as strings (mail bodies, the outage page), where React's escaping
// does not reach: the five characters that could end an element or an attribute.
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
