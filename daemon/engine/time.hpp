#pragma once
// The engine never reads a clock: every call carries the time it happens at.
// Durations and deadlines run on the steady clock, so a wall-clock jump (NTP,
// a manual `date`) can neither fire a timer early nor lose it; the wall clock
// is only used to show and to persist absolute times.

#include <chrono>

namespace stove::engine {

using SteadyTime = std::chrono::steady_clock::time_point;
using WallTime = std::chrono::system_clock::time_point;
using Seconds = std::chrono::seconds;
using Duration = std::chrono::steady_clock::duration;

struct Now {
  SteadyTime steady;
  WallTime wall;

  // The wall-clock time at which a steady deadline falls, seen from now.
  WallTime wall_at(SteadyTime t) const {
    return wall + std::chrono::duration_cast<WallTime::duration>(t - steady);
  }
  // The steady deadline for a wall-clock time, seen from now.
  SteadyTime steady_at(WallTime t) const {
    return steady + std::chrono::duration_cast<Duration>(t - wall);
  }
};

}  // namespace stove::engine
