import { Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { FaceConfig } from '../../config/face.config';
import { AnalysedFace, eyeDistance, FaceEngine } from '../engine/face-engine';
import { FaceTooSmallError, NoFaceError, SeveralFacesError } from './face-quality.errors';

/**
 * The quality gate of stored photos (FACE_GATE): exactly one face, at least FACE_MIN_SIZE_PX
 * between the eyes' centres in the photo as stored. Terminals refuse anything less (30002).
 */
@Injectable()
export class FaceQualityGate {
  constructor(
    private readonly engine: FaceEngine,
    private readonly config: FaceConfig,
  ) {}

  get enabled(): boolean {
    return this.config.gate;
  }

  /** The photo's faces once it passed; `what` names the photo in errors. The size rule can be left out (FACE_GATE off). */
  async inspect(jpeg: Buffer, what: string, checkSize = true): Promise<AnalysedFace[]> {
    const faces = await this.engine.analyse(jpeg);
    if (faces.length === 0) throw new NoFaceError(`no face was found in ${what}; take it facing the camera, in good light`);
    if (faces.length > 1) throw new SeveralFacesError(`${what} shows ${faces.length} faces; it must show only the person`);
    const distance = eyeDistance(faces[0]);
    if (checkSize && distance < this.config.minSizePx) {
      const { width, height } = await sharp(jpeg).metadata();
      throw new FaceTooSmallError(
        `the face in ${what} is too small: ${Math.round(distance)} px between the eyes in the ${width}×${height} photo as stored, ` +
          `at least ${this.config.minSizePx} needed; take it closer to the face`,
      );
    }
    return faces;
  }
}
