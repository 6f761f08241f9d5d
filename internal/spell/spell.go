// Package spell measures how far apart two names are, for the "did you
// mean" suggestions of error hints and unknown-name errors.
package spell

// Distance is the edit distance of a and b in bytes, counting an
// insertion, a deletion, a substitution or the swap of two adjacent bytes
// as one edit (optimal string alignment): "i2c98" is one edit from
// "i2c89", the commonest slip in a bus name.
func Distance(a, b string) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
