local t = {};
;
;
t.nope;
;
