// Device code with libraries and Builder directives.
#require "Rocky.class.nut:2.0.2"
#require "JSONEncoder.class.nut:2.0.0" // unversioned copy in lib/

@ Builder comment: the platform is chosen with -D ENV=...
@set BAUD 115200
@if ENV == "test"
const API = "https://test.example.com";
@elseif ENV == "prod"
const API = "https://example.com";
@else
@error "unknown ENV " + ENV
@endif

@include "inc/util.nut"
@include "github:electricimp/Promise/Promise.lib.nut@v4.0.0"

hardware.uart12.configure(@{BAUD}, 8, PARITY_NONE, 1, NO_CTSRTS);
server.log("built from @{__FILE__} line @{__LINE__}");
