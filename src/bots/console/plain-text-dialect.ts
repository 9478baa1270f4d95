// Plain terminal text as a rich-text dialect: nothing escaped, bold shown as plain text (no chat markup), "text (url)" links, people by name.
import { isBlank, tokenCutter } from "../render-text.ts";
import type { MarkupDialect } from "../rich-text/render-rich-text.ts";

/** A terminal reads text as written: no escapes, line breaks kept, nobody to mention (people are named). */
export const plainTextDialect: MarkupDialect = {
  escape: (text) => text,
  cutTokens: tokenCutter(/[\uD800-\uDBFF][\uDC00-\uDFFF]|[\s\S]/g),
  oneLine: false,
  boldMarker: "",
  // The url as given, so it can be copied; alone when the text says nothing more.
  link: (url, label) => (label === url || isBlank(label) ? url : `${label} (${url})`),
  mention: () => undefined,
};
