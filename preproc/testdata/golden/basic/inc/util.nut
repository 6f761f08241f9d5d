// util.nut
@include once "consts.nut"
@include once __PATH__ + "/consts.nut"
function clamp(x, lo, hi) {
    return x < lo ? lo : x > hi ? hi : x;
}
