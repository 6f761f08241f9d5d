package hardware

import (
	"slices"
	"strings"
)

func contains(list []string, s string) bool { return slices.Contains(list, s) }

func join(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
