// Lesson 4: arrays.
//   impvm run examples/learn/04_arrays.nut
//
// Arrays hold values in order, from index 0.

local temps = [21.5, 19.0, 23.25];
temps.append(20.0);                 // add at the end
temps.insert(0, 18.5);              // add at index 0
print("len " + temps.len() + ", first " + temps[0] + ", last " + temps.top() + "\n");

// Indexes go from 0 to len() - 1; a[len()] is an error.
foreach (i, t in temps) {
  print(i + ": " + t + "\n");
}

// sort() sorts in place; it takes an optional compare function.
temps.sort();
print("sorted: " + temps[0] + " .. " + temps.top() + "\n");
temps.sort(@(a, b) b <=> a);
print("descending: " + temps[0] + " .. " + temps.top() + "\n");

// map, filter and reduce make new values; the array is unchanged.
local doubled = [1, 2, 3].map(@(x) x * 2);
local warm = temps.filter(@(i, t) t > 20);
local total = [1, 2, 3, 4].reduce(@(acc, x) acc + x);
print("doubled[2] = " + doubled[2] + ", warm: " + warm.len() + ", total " + total + "\n");

// remove(i) takes an element out; pop() takes the last one.
local gone = temps.remove(0);
print("removed " + gone + ", popped " + temps.pop() + ", left " + temps.len() + "\n");

// Arrays are passed by reference too; slice() copies.
local copy = temps.slice(0);
copy.clear();
print("copy " + copy.len() + ", temps " + temps.len() + "\n");
