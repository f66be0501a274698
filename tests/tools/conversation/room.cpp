#include "room.h"

#include <fstream>
#include <string>

#include "ffmpeg.h"

namespace conv {

Samples reverberate(const Samples& audio, int rate, double reverberance, const fs::path& scratch) {
  fs::create_directories(scratch);
  const fs::path in = scratch / "dry.f32", out = scratch / "wet.f32";
  {
    std::ofstream file(in, std::ios::binary);
    file.write(reinterpret_cast<const char*>(audio.data()), std::streamsize(audio.size() * sizeof(float)));
    if (!file.flush()) throw Failure("could not write " + in.string());
  }
  const std::string format = "-t f32 -r " + std::to_string(rate) + " -c 1 ";
  const std::string command = "sox -V1 " + format + shell_quote(in.string()) + " " + format + shell_quote(out.string()) +
                              " reverb " + std::to_string(reverberance);
  int status = std::system(command.c_str());
  if (status != 0) throw Failure("could not run sox for --reverb (\"" + command + "\"); expected the sox command on the PATH");
  Samples wet(audio.size(), 0.f);
  std::ifstream file(out, std::ios::binary);
  file.read(reinterpret_cast<char*>(wet.data()), std::streamsize(wet.size() * sizeof(float)));
  fs::remove(in);
  fs::remove(out);
  return wet;
}

}  // namespace conv
