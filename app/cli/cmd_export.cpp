// tingdu-cli export FILE --format F [-o OUT]: convert a transcript to a timed format.
#include <iostream>

#include "commands.h"
#include "load.h"
#include "sync/writer.h"

namespace tingdu::cli {

void add_export(CLI::App& app, int& exit_code) {
  auto* cmd = app.add_subcommand("export", "Write a transcript as SRT, WebVTT, LRC, Podcasting 2.0 JSON "
                                           "or JSON chapters");
  struct Args {
    std::string path, format, out, input_format;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("FILE", a->path, "Transcript file")->required();
  cmd->add_option("--format", a->format, "srt, vtt, lrc, json or chapters-json")
      ->required()
      ->check(CLI::IsMember({"srt", "vtt", "lrc", "json", "chapters-json"}));
  cmd->add_option("-o,--output", a->out, "Output file (written atomically); standard output when left out");
  cmd->add_option("--input-format", a->input_format, "Read as this format instead of detecting it");
  cmd->callback([a, &exit_code] {
    sync::ReadResult r = load_transcript(a->path, a->input_format);
    if (!r.ok()) {
      exit_code = 1;
      return;
    }
    sync::WriteResult w = sync::write_transcript(r.episode, *sync::format_from_name(a->format));
    if (!w.ok()) {
      std::cerr << a->path << ": error: " << w.error << "\n";
      exit_code = 1;
      return;
    }
    exit_code = write_output(a->out, w.text);
  });
}

}  // namespace tingdu::cli
