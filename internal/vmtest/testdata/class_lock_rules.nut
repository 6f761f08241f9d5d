// What a class takes once it (or a class derived from it) has an
// instance, and what a new value does to an existing member; the
// expected output is C Squirrel 3.0.4's.
function p(s) { print(s + "\n"); }
function t(name, f) { try { p(name + ": " + f()); } catch (e) { p(name + " ! " + e); } }
class A { x = 1; function m() { return "m"; } }
class B extends A { y = 2; }
local b = B();
t("base field after derived instance", function() { A.z <- 3; return "added"; });
t("base method after derived instance", function() { A.q <- function() { return "q"; }; return B().q(); });
t("field <- closure, locked", function() { B.y <- function() { return 9; }; return typeof B().y; });
t("old instance keeps its field", function() { return typeof b.y; });
t("and may set it", function() { b.y = 5; return b.y; });
class C { x = 1; }
C.x <- function() { return 7; };
local c = C();
t("field <- closure stays a field", function() { return typeof c.x; });
t("so it may be set", function() { c.x = 5; return c.x; });
class D { function f() { return 1; } }
D.f <- 5;
local d = D();
t("method <- value becomes a field", function() { return d.f; });
t("which may be set", function() { d.f = 6; return d.f; });
class G { </ tag = 1 /> a = 1; function m() { return 1; } }
G.a <- 5;
t("attributes kept", function() { return G.getattributes("a").tag; });
G.m <- function() { return 2; };
t("method replaced", function() { return G().m(); });
t("locked field default", function() { G.a <- 6; return "ok"; });
t("locked new method", function() { G.n <- function() { return 3; }; return G().n(); });
t("locked field <- closure", function() { G.a <- function() { return 4; }; return typeof G().a; });
t("locked method <- value", function() { G.m <- 7; return "ok"; });
class H { _get = 1; }
H._get <- function(k) { return "got " + k; };
t("field named _get", function() { return typeof H()._get; });
t("is no metamethod", function() { return H().zz; });
class I {}
I.extra <- 1;
local i1 = I();
class J extends I { y = 1 }
t("derived from a locked class", function() { return J().y + J().extra; });
class K extends J {}
local k = K();
t("locked through a grandchild", function() { J.w <- 1; return "ok"; });
class R { </ tag = 1 /> a = 1; function m() { return 1; } }
R.rawset("a", 7);
t("rawset keeps attributes", function() { return R.getattributes("a").tag + " " + R().a; });
t("locked rawset value", function() { R.rawset("a", 8); return R().a; });
t("locked rawset new", function() { R.rawset("zz", 8); return R().zz; });
t("locked rawset closure on field", function() { R.rawset("a", function() { return 1; }); return typeof R().a; });
t("locked rawset value on method", function() { R.rawset("m", 3); return typeof R().m; });
