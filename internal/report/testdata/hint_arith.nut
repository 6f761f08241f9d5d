local reading = "21";
local x = reading * 2;
