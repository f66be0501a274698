// What the alignment keeps between runs, under $XDG_STATE_HOME/tingdu/:
//   analysis/<audio key>.features            the audio's analysis (binary, below): analysing
//                                            again would mean decoding the whole file
//   alignment/<transcript key>-<audio key>.json  the aligned times, with the anchors they honour
// The audio key is a hash of the file's size, modification time and three 64 KiB blocks
// (start, middle, end), so a changed file is analysed again; the transcript key is a hash of its
// bytes. Both files are written atomically; a damaged one is discarded with a message, never
// trusted.
//
// Features file (little-endian): "TDFEATS\0", u32 version, u32 cepstra per frame, u64 frames,
// f64 hop, f64 duration, f32 noise floor, then f32 energy[frames], u8 speech[frames],
// f32 cepstra[frames * cepstra], and a u64 FNV-1a of everything before it.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "media/analysis.h"
#include "sync/alignment.h"

namespace tingdu::app {

// "" when the file can't be read.
std::string audio_key(const std::filesystem::path& audio);

// Features kept for the audio with this key; nullopt when none (or damaged: `problem` says so
// and the file is removed).
std::optional<media::AudioFeatures> load_features(const std::string& audio_key, std::string& problem);
// "" or the error.
std::string save_features(const std::string& audio_key, const media::AudioFeatures& features);

// The alignment kept for this transcript and audio, when it was made with exactly `anchors`.
std::optional<sync::AlignmentResult> load_alignment(const std::string& transcript_key, const std::string& audio_key,
                                                    const std::map<std::size_t, double>& anchors, std::size_t turns,
                                                    std::string& problem);
std::string save_alignment(const std::string& transcript_key, const std::string& audio_key,
                           const std::map<std::size_t, double>& anchors, const sync::AlignmentResult& result);

// Bump when the analysis or the aligner changes what it computes: older caches are then ignored.
inline constexpr int kFeaturesVersion = 2;  // 2: voice activity hears pauses over digital silence
inline constexpr int kAlignmentVersion = 6;  // 2: sentences; 3: the coarse map, untranscribed stretches; 4: v2 features; 5: stretches not split by unsure turns; 6: units cut where the level drops

}  // namespace tingdu::app
