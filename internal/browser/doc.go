// Package browser drives a headless Chromium over the DevTools protocol
// for end-to-end tests of impvm's web pages (the playground, the agent's
// page, coverage reports): it finds the browser, starts it with a
// throw-away profile and no background networking, opens pages and
// evaluates JavaScript in them. Tests skip, saying why, when Find finds
// no browser.
package browser
