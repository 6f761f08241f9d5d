local s = "héllo wörld"; print(s.nope);
