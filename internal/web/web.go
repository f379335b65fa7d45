// Package web serves the browser pages the binary ships: the graph
// explorer at /explore and the GraphiQL playground at /. Both are plain
// files embedded at build time, with their libraries vendored from npm
// (scripts/web-vendor.sh), so the pages work on a machine without
// internet. They are clients of the public GraphQL endpoint only.
package web

import (
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
)

//go:embed static
var files embed.FS

// AssetPrefix is the URL path under which the pages' scripts, styles and
// vendored libraries are served.
const AssetPrefix = "/static/"

// contentSecurityPolicy allows the pages nothing from outside the server:
//
//   - default-src 'self': scripts, styles, fetches and everything not
//     named below come only from this origin; no inline script and no eval
//     anywhere.
//   - style-src adds 'unsafe-inline' because GraphiQL's bundle (through
//     emotion and its editor) inserts <style> elements at run time; styles
//     cannot run code, so this weakens nothing that script-src guards.
//   - img-src and font-src add data: because GraphiQL's stylesheet embeds
//     its fonts and icons as data: URLs, and the explorer's PNG export is a
//     data: URL drawn from the canvas.
//   - frame-ancestors 'none' (with X-Frame-Options: DENY for browsers that
//     predate it) keeps the pages from being framed by another site.
//   - form-action and base-uri 'self' close the two gaps default-src does
//     not cover.
const contentSecurityPolicy = "default-src 'self'; " +
	"style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data: blob:; " +
	"font-src 'self' data:; " +
	"frame-ancestors 'none'; form-action 'self'; base-uri 'self'"

// ContentSecurityPolicy returns the policy the pages and their assets are
// served with.
func ContentSecurityPolicy() string { return contentSecurityPolicy }

// Playground serves the GraphiQL page; its editor starts with an example
// query and sends requests to /query.
func Playground() http.Handler { return page("static/playground/index.html") }

// Explorer serves the explorer page.
func Explorer() http.Handler { return page("static/explore/index.html") }

// Assets serves the files under AssetPrefix. Only files are served: no
// directory listings.
func Assets() http.Handler {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	fileServer := http.StripPrefix(strings.TrimSuffix(AssetPrefix, "/"), http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(path.Clean(r.URL.Path), AssetPrefix)
		if st, err := fs.Stat(sub, name); err != nil || st.IsDir() {
			http.NotFound(w, r)
			return
		}
		protect(w)
		// The files change with the binary, not with their names, so the
		// browser revalidates (the embedded files carry no modification
		// time, so the answer is the whole file, which is local anyway).
		w.Header().Set("Cache-Control", "no-cache")
		fileServer.ServeHTTP(w, r)
	})
}

// page serves one embedded HTML file.
func page(name string) http.Handler {
	body, err := files.ReadFile(name)
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		protect(w)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		_, _ = w.Write(body)
	})
}

// protect sets the headers that confine a page to this origin.
func protect(w http.ResponseWriter) {
	h := w.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Frame-Options", "DENY")
}
