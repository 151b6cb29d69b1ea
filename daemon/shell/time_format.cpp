#include "daemon/shell/time_format.hpp"

#include <cstdio>
#include <ctime>

namespace stove::shell {

std::string rfc3339(engine::WallTime t) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(
      std::chrono::time_point_cast<std::chrono::seconds>(t));
  std::tm local{};
  localtime_r(&secs, &local);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &local);
  std::string out = buf;
  const long off = local.tm_gmtoff;
  if (off == 0) return out + "Z";
  const long a = off < 0 ? -off : off;
  std::snprintf(buf, sizeof buf, "%c%02ld:%02ld", off < 0 ? '-' : '+', a / 3600, (a % 3600) / 60);
  return out + buf;
}

std::optional<std::pair<int, int>> parse_hh_mm(std::string_view s) {
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (s.size() != 5 || s[2] != ':' || !digit(s[0]) || !digit(s[1]) || !digit(s[3]) || !digit(s[4])) {
    return std::nullopt;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return std::pair{h, m};
}

engine::WallTime next_local(engine::WallTime now, int hour, int minute) {
  const std::time_t secs = std::chrono::system_clock::to_time_t(now);
  std::tm local{};
  localtime_r(&secs, &local);
  for (int day = 0; day < 3; ++day) {
    std::tm target = local;
    target.tm_mday += day;
    target.tm_hour = hour;
    target.tm_min = minute;
    target.tm_sec = 0;
    target.tm_isdst = -1;  // let mktime find the offset of that day (DST changes)
    const std::time_t t = std::mktime(&target);
    const auto when = std::chrono::system_clock::from_time_t(t);
    if (when > now) return when;
  }
  return now + std::chrono::hours(24);
}

}  // namespace stove::shell
