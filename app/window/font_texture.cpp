#include "font_texture.h"

#include <SDL.h>
#include <SDL_opengl.h>
#include <backends/imgui_impl_opengl3.h>

#include <cstdint>
#include <cstdio>

namespace tingdu::window {

void FontTexture::take_over_from_backend() {
  const char* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  int gl_major = 0, gl_minor = 0;
  if (version) std::sscanf(version, "%d.%d", &gl_major, &gl_minor);
  swizzle_ = gl_major > 3 || (gl_major == 3 && gl_minor >= 3) || SDL_GL_ExtensionSupported("GL_ARB_texture_swizzle");
  if (!swizzle_) return;
  ImGui_ImplOpenGL3_CreateDeviceObjects();
  ImGui_ImplOpenGL3_DestroyFontsTexture();
}

void FontTexture::upload(ImFontAtlas& atlas) {
  reset();
  if (!swizzle_) {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    // The backend's RGBA copy is in the texture now; ImGui makes it anew from the alpha if asked.
    IM_FREE(atlas.TexPixelsRGBA32);
    atlas.TexPixelsRGBA32 = nullptr;
    return;
  }
  unsigned char* pixels = nullptr;
  int width = 0, height = 0;
  atlas.GetTexDataAsAlpha8(&pixels, &width, &height);
  GLint last_texture = 0;
  glGetIntegerv(GL_TEXTURE_BINDING_2D, &last_texture);
  GLuint id = 0;
  glGenTextures(1, &id);
  glBindTexture(GL_TEXTURE_2D, id);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
  glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
  const GLint swizzle[4] = {GL_ONE, GL_ONE, GL_ONE, GL_RED};
  glTexParameteriv(GL_TEXTURE_2D, GL_TEXTURE_SWIZZLE_RGBA, swizzle);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of any width
  glTexImage2D(GL_TEXTURE_2D, 0, GL_R8, width, height, 0, GL_RED, GL_UNSIGNED_BYTE, pixels);
  glBindTexture(GL_TEXTURE_2D, GLuint(last_texture));
  texture_ = id;
  atlas.SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(id)));
}

void FontTexture::reset() {
  if (texture_ == 0) return;
  GLuint id = texture_;
  glDeleteTextures(1, &id);
  texture_ = 0;
}

}  // namespace tingdu::window
