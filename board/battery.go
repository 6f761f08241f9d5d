package board

import (
	"math"
	"time"
)

// The Li-ion cell the battery parts (BQ25895, BQ24295, MAX17055) see: its state
// of charge (Battery, %) and current (BatteryMA) come from the
// environment; its voltage is the open-circuit voltage of a typical
// LiCoO2 cell at that charge (liOCV, a 4.2 V cell's discharge curve at
// low rate) plus the current through a 100 mΩ internal resistance.

// liOCV is a 4.2 V LiCoO2 cell's open-circuit voltage by state of
// charge, every 10 %.
var liOCV = [11]float64{3.00, 3.60, 3.70, 3.75, 3.79, 3.83, 3.87, 3.93, 4.00, 4.08, 4.20}

// cellInternalOhms is the cell's internal resistance.
const cellInternalOhms = 0.1

// batterySOC is the state of charge at now, 0-100 %.
func batterySOC(e *Env, now time.Time) float64 {
	return math.Max(0, math.Min(100, e.Get(Battery, now)))
}

// batteryVolts is the cell's terminal voltage at now.
func batteryVolts(e *Env, now time.Time) float64 {
	soc := batterySOC(e, now)
	i := int(soc / 10)
	if i >= 10 {
		i = 9
	}
	ocv := liOCV[i] + (liOCV[i+1]-liOCV[i])*(soc-float64(10*i))/10
	return ocv + e.Get(BatteryMA, now)/1000*cellInternalOhms
}
