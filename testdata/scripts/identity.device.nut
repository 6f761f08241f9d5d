// impvm: --virtual --seed 7 --imp-type imp005
// Who the device is: IDs derived from --seed, impOS's version string, the
// module type, impCentral's __EI constants, and the imp's constants.
local id = hardware.getdeviceid();
server.log("device id " + id + " (" + id.len() + " hex digits)");
server.log("mac " + imp.getmacaddress() + ", the id's last 12 digits: " + (imp.getmacaddress() == id.slice(4)));
server.log("software " + imp.getsoftwareversion());
server.log("release " + split(imp.getsoftwareversion(), "-")[2]);
server.log("type " + imp.info().type + ", environment " + imp.environment() + " (ENVIRONMENT_MODULE " + ENVIRONMENT_MODULE + ")");
server.log("typeof imp " + typeof imp + ", hardware " + typeof hardware + ", server " + typeof server + ", imp.info() " + typeof imp.info());
server.log("memory free " + imp.getmemoryfree());
server.log("__EI " + __EI.PRODUCT_NAME + ", group " + __EI.DEVICEGROUP_NAME + " (" + __EI.DEVICEGROUP_TYPE + "), sha " + __EI.DEPLOYMENT_SHA.len() + " hex digits, created " + __EI.DEPLOYMENT_CREATED_AT);
server.log("wake reasons " + WAKEREASON_POWER_ON + " " + WAKEREASON_TIMER + " " + WAKEREASON_SW_RESET + " " + WAKEREASON_PIN + " " + WAKEREASON_NEW_SQUIRREL + " " + WAKEREASON_SQUIRREL_ERROR + " " + WAKEREASON_NEW_FIRMWARE + " " + WAKEREASON_SNOOZE + " " + WAKEREASON_HW_RESET + " " + WAKEREASON_BLINKUP + " " + WAKEREASON_SW_RESTART + " " + WAKEREASON_POWER_RESTORED);
try { foreach (k, v in imp.info()) server.log(k); } catch (e) { server.log("foreach over imp.info(): " + e); }
local d = date();
server.log("time() " + time() + ", date() " + d.year + "-" + (d.month + 1) + "-" + d.day + " " + d.hour + ":" + d.min + ":" + d.sec + " wday " + d.wday);
// The format after the time is ignored whatever its type (Plotly's imp example passes "u").
foreach (f in ['u', "u", "L", null]) server.log("date(1700000000, " + f + ").hour " + date(1700000000, f).hour);
try { date("1700000000"); } catch (e) { server.log("date(\"1700000000\"): " + e); }
