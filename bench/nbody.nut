// An n-body simulation step: float math on instance fields.
class Body {
  x = 0.0; y = 0.0; z = 0.0;
  vx = 0.0; vy = 0.0; vz = 0.0;
  mass = 0.0;
  constructor(px, py, pz, pvx, pvy, pvz, pmass) {
    x = px; y = py; z = pz; vx = pvx; vy = pvy; vz = pvz; mass = pmass;
  }
}
local sqrt = ("math" in getroottable()) ? math.sqrt : getroottable().sqrt;
local PI = 3.14159265;
local SOLAR_MASS = 4 * PI * PI;
local DAYS = 365.24;
local bodies = [
  Body(0.0, 0.0, 0.0, 0.0, 0.0, 0.0, SOLAR_MASS),
  Body(4.84143144, -1.16032004, -0.103622044, 0.00166007664 * DAYS, 0.00769901118 * DAYS, -0.0000690460016 * DAYS, 0.000954791938 * SOLAR_MASS),
  Body(8.34336671, 4.12479856, -0.403523417, -0.00276742510 * DAYS, 0.00499852801 * DAYS, 0.0000230417297 * DAYS, 0.000285885980 * SOLAR_MASS),
  Body(12.8943695, -15.1111514, -0.223307578, 0.00296460137 * DAYS, 0.00237847173 * DAYS, -0.0000296589568 * DAYS, 0.0000436624404 * SOLAR_MASS),
  Body(15.3796971, -25.9193146, 0.179258772, 0.00268067772 * DAYS, 0.00162824170 * DAYS, -0.0000951592254 * DAYS, 0.0000515138902 * SOLAR_MASS)
];

function advance(bodies, dt) {
  local n = bodies.len();
  for (local i = 0; i < n; i++) {
    local b = bodies[i];
    for (local j = i + 1; j < n; j++) {
      local b2 = bodies[j];
      local dx = b.x - b2.x, dy = b.y - b2.y, dz = b.z - b2.z;
      local d2 = dx * dx + dy * dy + dz * dz;
      local mag = dt / (d2 * sqrt(d2));
      b.vx -= dx * b2.mass * mag; b.vy -= dy * b2.mass * mag; b.vz -= dz * b2.mass * mag;
      b2.vx += dx * b.mass * mag; b2.vy += dy * b.mass * mag; b2.vz += dz * b.mass * mag;
    }
  }
  foreach (b in bodies) { b.x += dt * b.vx; b.y += dt * b.vy; b.z += dt * b.vz; }
}

function energy(bodies) {
  local e = 0.0, n = bodies.len();
  for (local i = 0; i < n; i++) {
    local b = bodies[i];
    e += 0.5 * b.mass * (b.vx * b.vx + b.vy * b.vy + b.vz * b.vz);
    for (local j = i + 1; j < n; j++) {
      local b2 = bodies[j];
      local dx = b.x - b2.x, dy = b.y - b2.y, dz = b.z - b2.z;
      e -= b.mass * b2.mass / sqrt(dx * dx + dy * dy + dz * dz);
    }
  }
  return e;
}

print(format("%.6f\n", energy(bodies)));
for (local i = 0; i < 20000; i++) advance(bodies, 0.01);
print(format("%.6f\n", energy(bodies)));
