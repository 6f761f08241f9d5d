local t = {};
{
  {
    t.nope;
  }
}
