// The <saddle-scope> element and the iframe mode (filled in with www/embed.html).
export const tests = [];
