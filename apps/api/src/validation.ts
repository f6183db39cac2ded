import { ValidationPipe } from '@nestjs/common';
import { AppError, flattenValidationErrors } from '@app/common';

/** Unknown fields refused; each error names the field and the reason (`payments[0].amount: must be …`). */
export const validationPipe = () =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const details = flattenValidationErrors(errors);
      return new AppError('VALIDATION', details.map((d) => `${d.field}: ${d.reason}`).join('; '), details);
    },
  });
