import type { Check } from '../../model/check.ts';
import { imageTagMutable } from './image-tag-mutable.ts';
import { serviceExternalExposure } from './service-external-exposure.ts';

/** The first checks: mutable image tags and Services exposed outside the cluster. */
export const CORE_CHECKS: readonly Check[] = [imageTagMutable, serviceExternalExposure];
