/**
 * Inside face-registry only: the embedding job analysed a stored photo, so every instance's face
 * index re-reads the entries of that photo. Not part of the bus contract (src/events).
 */
export class FacePhotoAnalysed {
  static readonly eventName = 'face-registry.photo-analysed';

  constructor(readonly photoKey: string) {}
}
