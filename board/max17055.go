package board

import (
	"fmt"
	"math"
	"time"
)

// MAX17055 is Maxim's single-cell ModelGauge m5 EZ fuel gauge (datasheet
// MAX17055 rev. 2 and its software implementation guide), at 7-bit
// address 0x36: the imp's 0x6C. Registers are 16 bits, sent low byte
// first; a read or write continues at the next register.
//
// Modelled: power-on values (Status 0x0002 with POR; DesignCap 0x0BB8,
// IChgTerm 0x0640, VEmpty 0xA561, Config 0x2210, Config2 0x3658, HibCfg
// 0x870C, ModelCfg 0x8400, the alert thresholds disabled, DevName
// 0x4010); FStat.DNR set until 710 ms after power-up; a write of
// ModelCfg with Refresh (bit 15) loads the model at the next 175.8 ms
// task period, then the bit clears; Status bits written as given (the
// host clears POR and the alerts by writing 0); the measurements of the
// cell battery.go describes (the environment's state of charge and
// current, its voltage) and of the environment's temperature, on a 10
// mΩ sense resistor (the impC001 breakout's and Maxim's reference
// design's): VCell/AvgVCell (78.125 µV), Current/AvgCurrent (1.5625
// µV/RSENSE), Temp (1/256 °C), RepSOC/AvSOC/MixSOC/VFSOC (1/256 %),
// RepCap/AvCap/MixCap (5 µVh/RSENSE) of FullCapRep = FullCapNom =
// DesignCap, TTE and TTF (5.625 s; 0xFFFF when not discharging or
// charging); the voltage, temperature, charge and current alerts
// (VAlrtTh, TAlrtTh, SAlrtTh, IAlrtTh: Status Vmn/Vmx, Tmn/Tmx,
// Smn/Smx, Imn/Imx, sticky until written) and the 1 % change alert
// (Config2 dSOCEn: Status dSOCi), seen when the part is accessed.
//
// Not modelled: the ModelGauge algorithm itself (learning, cycles, age,
// the fuel gauge's own integration of current: the environment states
// the charge), hibernation (HibCfg is stored), the ALRT pin, shutdown,
// the nonvolatile memory.
type MAX17055 struct {
	env       *Env
	r         [256]uint16
	ptr       byte
	hiNext    bool // a write's next byte is the high byte of ptr
	lo        byte
	powerUp   time.Time // zero until the first access
	refreshAt time.Time // a model refresh completes (zero: none)
	lastSOC   int       // whole percent last seen, for dSOCi
}

const (
	mxStatus     = 0x00
	mxVAlrt      = 0x01
	mxTAlrt      = 0x02
	mxSAlrt      = 0x03
	mxRepCap     = 0x05
	mxRepSOC     = 0x06
	mxTemp       = 0x08
	mxVCell      = 0x09
	mxCurrent    = 0x0A
	mxAvgCurrent = 0x0B
	mxMixSOC     = 0x0D
	mxAvSOC      = 0x0E
	mxMixCap     = 0x0F
	mxFullCapRep = 0x10
	mxTTE        = 0x11
	mxDesignCap  = 0x18
	mxAvgVCell   = 0x19
	mxConfig     = 0x1D
	mxAvCap      = 0x1F
	mxTTF        = 0x20
	mxDevName    = 0x21
	mxFullCapNom = 0x23
	mxFStat      = 0x3D
	mxIAlrt      = 0xB4
	mxConfig2    = 0xBB
	mxModelCfg   = 0xDB
	mxVFSOC      = 0xFF

	mxSenseOhms = 0.010
	mxTask      = 175800 * time.Microsecond
	mxDataReady = 710 * time.Millisecond
)

func init() {
	registerI2C("max17055", i2cModel{fields: []string{"address"}, addr: 0x6C,
		make: fromEnv(NewMAX17055)})
}

// NewMAX17055 makes a MAX17055 as after power-on.
func NewMAX17055(env *Env) *MAX17055 {
	d := &MAX17055{env: env, lastSOC: -1}
	for reg, v := range map[byte]uint16{
		mxStatus: 0x0002, mxVAlrt: 0xFF00, mxTAlrt: 0x7F80, mxSAlrt: 0xFF00, mxIAlrt: 0x7F80,
		mxDesignCap: 0x0BB8, 0x1E: 0x0640, 0x3A: 0xA561, mxConfig: 0x2210, mxConfig2: 0x3658,
		0xBA: 0x870C, mxModelCfg: 0x8400, mxDevName: 0x4010, mxFStat: 0x0001,
	} {
		d.r[reg] = v
	}
	return d
}

func (d *MAX17055) Model() string { return "max17055" }

func (d *MAX17055) Write(now time.Time, data []byte) bool {
	d.update(now)
	if len(data) == 0 {
		return true
	}
	d.ptr, d.hiNext = data[0], false
	for _, v := range data[1:] {
		if !d.hiNext {
			d.lo, d.hiNext = v, true
			continue
		}
		d.writeReg(now, d.ptr, uint16(v)<<8|uint16(d.lo))
		d.ptr++
		d.hiNext = false
	}
	return true
}

func (d *MAX17055) Read(now time.Time, n int) ([]byte, bool) {
	d.update(now)
	out := make([]byte, n)
	for i := 0; i < n; i += 2 {
		v := d.readReg(now, d.ptr)
		out[i] = byte(v)
		if i+1 < n {
			out[i+1] = byte(v >> 8)
		}
		d.ptr++
	}
	return out, true
}

func (d *MAX17055) writeReg(now time.Time, reg byte, v uint16) {
	switch reg {
	case mxFStat, mxDevName, mxRepCap, mxRepSOC, mxTemp, mxVCell, mxCurrent, mxAvgCurrent,
		mxMixSOC, mxAvSOC, mxMixCap, mxTTE, mxAvgVCell, mxAvCap, mxTTF, mxVFSOC:
		return // measurements: read-only here
	case mxModelCfg:
		if v&0x8000 != 0 {
			k := now.Sub(d.powerUp)/mxTask + 1
			d.refreshAt = d.powerUp.Add(k * mxTask)
		}
	}
	d.r[reg] = v
}

// update finishes the power-up and a model refresh, and raises alerts.
func (d *MAX17055) update(now time.Time) {
	if d.powerUp.IsZero() {
		d.powerUp = now
	}
	if d.r[mxFStat]&1 != 0 && now.Sub(d.powerUp) >= mxDataReady {
		d.r[mxFStat] &^= 1
		if d.refreshAt.IsZero() {
			d.r[mxModelCfg] &^= 0x8000 // the power-on model is loaded
		}
	}
	if !d.refreshAt.IsZero() && !now.Before(d.refreshAt) {
		d.r[mxModelCfg] &^= 0x8000
		d.refreshAt = time.Time{}
	}
	d.alerts(now)
}

func (d *MAX17055) capLSB() float64  { return 5e-6 / mxSenseOhms * 1000 } // mAh
func (d *MAX17055) currLSB() float64 { return 1.5625e-6 / mxSenseOhms * 1000 }

// full is the full capacity in mAh (DesignCap's).
func (d *MAX17055) full() float64 { return float64(d.r[mxDesignCap]) * d.capLSB() }

func (d *MAX17055) alerts(now time.Time) {
	st := d.r[mxStatus]
	v := batteryVolts(d.env, now) * 1000
	if lo, hi := float64(d.r[mxVAlrt]&0xFF)*20, float64(d.r[mxVAlrt]>>8)*20; v < lo {
		st |= 0x0100
	} else if v > hi {
		st |= 0x1000
	}
	t := d.env.Get(Temperature, now)
	if lo, hi := float64(int8(d.r[mxTAlrt])), float64(int8(d.r[mxTAlrt]>>8)); t < lo {
		st |= 0x0200
	} else if t > hi {
		st |= 0x2000
	}
	soc := batterySOC(d.env, now)
	if lo, hi := float64(d.r[mxSAlrt]&0xFF), float64(d.r[mxSAlrt]>>8); soc < lo {
		st |= 0x0400
	} else if soc > hi {
		st |= 0x4000
	}
	i := d.env.Get(BatteryMA, now) / (0.4 / mxSenseOhms) // IAlrtTh: 0.4 mV/RSENSE
	if lo, hi := float64(int8(d.r[mxIAlrt])), float64(int8(d.r[mxIAlrt]>>8)); i < lo {
		st |= 0x0004
	} else if i > hi {
		st |= 0x0040
	}
	whole := int(soc)
	if d.lastSOC >= 0 && whole != d.lastSOC && d.r[mxConfig2]&0x0080 != 0 {
		st |= 0x0080
	}
	d.lastSOC = whole
	d.r[mxStatus] = st
}

func (d *MAX17055) readReg(now time.Time, reg byte) uint16 {
	soc := batterySOC(d.env, now)
	ma := d.env.Get(BatteryMA, now)
	have := soc / 100 * d.full()
	switch reg {
	case mxVCell, mxAvgVCell:
		return uint16(clampInt(batteryVolts(d.env, now)/78.125e-6, 0, 0xFFFF))
	case mxCurrent, mxAvgCurrent:
		return uint16(int16(clampInt(ma/d.currLSB(), -32768, 32767)))
	case mxTemp:
		return uint16(int16(clampInt(d.env.Get(Temperature, now)*256, -32768, 32767)))
	case mxRepSOC, mxAvSOC, mxMixSOC, mxVFSOC:
		return uint16(clampInt(soc*256, 0, 0xFFFF))
	case mxRepCap, mxAvCap, mxMixCap:
		return uint16(clampInt(have/d.capLSB(), 0, 0xFFFF))
	case mxFullCapRep, mxFullCapNom:
		return d.r[mxDesignCap]
	case mxTTE:
		if ma >= 0 {
			return 0xFFFF
		}
		return uint16(clampInt(have/-ma*3600/5.625, 0, 0xFFFE))
	case mxTTF:
		if ma <= 0 || soc >= 100 {
			return 0xFFFF
		}
		return uint16(clampInt((d.full()-have)/ma*3600/5.625, 0, 0xFFFE))
	}
	return d.r[reg]
}

func (d *MAX17055) Describe() string {
	if d.powerUp.IsZero() {
		return ""
	}
	return fmt.Sprintf("MAX17055: %.0f mAh design capacity", math.Round(d.full()))
}
